import { StepTx } from '../common/step-machine';
import { ThreadSide } from './message-access';
import { Message } from './message.entity';
import { MessageThread } from './message-thread.entity';

/**
 * Points where modules built on messages join a new message in its own transaction, so messages
 * never import them (an incident moves to IN_PROGRESS on the shop's first answer in the thread).
 */
export const messageHooks = {
  /** A message was just added to `thread` by `side` (its MESSAGE_ADDED event is already recorded). */
  posted: [] as ((tx: StepTx, thread: MessageThread, message: Message, side: ThreadSide) => Promise<void>)[],
};
