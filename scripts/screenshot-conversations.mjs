// For scripts/screenshots: the sidebar of a server with channels and a direct conversation, with
// unread and mention counts, seen from the real app. Alice (the app, already in the room) clicks
// a channel to join it and goes back to #general; scripted people (npm `ws`, protocol 2) then
// write in #general, in the channel and to Alice directly, mentioning her.
// Usage (DISPLAY set): node screenshot-conversations.mjs URL en|vi
import { Screen } from '../tests/e2e/screen.mjs';
import { person } from './screenshot-person.mjs';

const [url, lang = 'en'] = process.argv.slice(2);
const words = {
  en: {
    homework: 'homework', general: 'general',
    lines: ['Did everyone get the slides?', 'Page 12 is the hard one', 'Who has the answer to 3b?',
      'Alice, can you check my draft?', 'Bob shared the photos from Friday'],
  },
  vi: {
    homework: 'bai-tap', general: 'general', // channel names are often written without accents
    lines: ['Mọi người nhận được slide chưa?', 'Trang 12 khó nhất', 'Ai có đáp án câu 3b không?',
      'Alice ơi, xem giúp bản nháp của mình nhé?', 'Bob đã chia sẻ ảnh hôm thứ Sáu'],
  },
}[lang];


const screen = new Screen(process.env.DISPLAY);
await screen.focusWindow('Parley');
const bob = await person(url, 'Bob');
const carol = await person(url, 'Carol');
const alice = bob.welcome.members.find((m) => m.name === 'Alice');
bob.send({ type: 'create_channel', name: words.homework, topic: '' });
const channel = (await bob.next((f) => f.type === 'conversation' && f.conversation.joined)).conversation.id;
bob.send({ type: 'create_channel', name: lang === 'vi' ? 'tối chơi game' : 'game night' });
carol.send({ type: 'join_channel', conversation: channel });
await carol.next((f) => f.type === 'conversation' && f.conversation.id === channel);

// Alice joins the channel from the sidebar, and comes back to #general.
await screen.click(words.homework);
// Shown: its name is in the header (and the composer) besides the sidebar.
for (let tries = 0; (await screen.findAll(words.homework)).length < 2; ++tries) {
  if (tries > 50) throw new Error('the channel never opened');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await screen.click('general');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await pause(500);

let n = 0;
const say = (who, conversation, text, mentions) => who.send({ type: 'chat', conversation, text, clientId: `s-${++n}`, mentions });
say(bob, 'general', words.lines[0]);
await pause(300);
say(carol, channel, words.lines[1]);
say(bob, channel, words.lines[2]);
bob.send({ type: 'open_direct', member: alice.id });
const direct = (await bob.next((f) => f.type === 'conversation' && f.conversation.kind === 'direct')).conversation.id;
say(bob, direct, `@Alice ${words.lines[3].replace(/^Alice,? ?(ơi, )?/, '')}`, [alice.id]);
await pause(300);
say(carol, 'general', words.lines[4]);
await screen.waitFor(words.lines[4].split(' ')[0]);
await pause(800);
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
setTimeout(() => process.exit(0), 60000);
