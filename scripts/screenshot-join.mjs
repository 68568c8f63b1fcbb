// For scripts/screenshots: joins a room the way a person does, with the real app on the start
// page: types a name, clicks the room under "Rooms on this network", says hello, and waits
// until the conversation shows. Usage (DISPLAY set): node screenshot-join.mjs NAME ROOM TEXT
import { Screen } from '../tests/e2e/screen.mjs';

const [name, room, text] = process.argv.slice(2);
const screen = new Screen(process.env.DISPLAY);
await screen.focusWindow('^Parley$');
await screen.waitFor('Your name');
await screen.type(name);
await screen.click(room);
await screen.waitFor('online');
await screen.type(text);
await screen.key('Return');
await screen.waitFor(text.split(' ')[0]);
