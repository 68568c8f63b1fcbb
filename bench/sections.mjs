// docs/BENCHMARKS.md is written in sections between markers (<!-- NAME: … --> … <!-- /NAME -->),
// so that one benchmark (`bench/run --only NAME`) can replace its own and keep the others.
import { readFileSync, writeFileSync } from 'node:fs';

/** Puts section (which carries its own markers) in place of the file's NAME section, or at its end. */
export function spliceSection(path, name, section) {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(`<!-- ${name}:`);
  const endMarker = `<!-- /${name} -->`;
  const end = text.indexOf(endMarker);
  writeFileSync(path, start >= 0 && end > start
    ? text.slice(0, start) + section + text.slice(end + endMarker.length)
    : `${text.trimEnd()}\n\n${section}\n`);
}
