import { registerLoaders } from '../common/loaders';
import { messageLoaders } from './message.loaders';

/** Joins messages to the request loaders (src/wiring.ts). */
export function installMessages(): void {
  registerLoaders(messageLoaders);
}
