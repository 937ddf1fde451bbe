import { OrderLineInput, OrderState } from '../../../test/generated/graphql';
import type { Story } from '../stories';
import { Step, StoryBuilder } from '../story-builder';

/** An order being planned: its story and steps, before it is placed in time. */
export interface Draft {
  seq: number;
  story: Story;
  expected: OrderState;
  shop: number;
  customer: number;
  lines: OrderLineInput[];
  builder: StoryBuilder;
  /** The incident or return it got (quotas.ts): names the story in the seed's report. */
  episode?: string;
  /** When the incident or return begins (general questions stay before it). */
  episodeFrom?: number;
  /** When its last step happens. */
  episodeUntil?: number;
  /** Set by ratings.ts; removals.ts rewrites them for the ratings whose removal the shop asks for. */
  rating?: Step;
  ratingReply?: Step;
}

/** Instants of a story's steps, in ms after placement. */
export interface Timeline {
  decided?: number;
  paid?: number;
  shipped?: number;
  pickedUp?: boolean;
  arrived?: number;
  closeAt?: number;
  ended?: number;
  refunds: boolean;
}

/** Read from the steps each time: an episode or a rating may have added steps since. */
export function timelineOf(b: StoryBuilder): Timeline {
  const at = (test: (step: Step) => boolean) => b.steps.find(test)?.at;
  return {
    decided: at((step) => step.kind === 'accept' || step.kind === 'refuse' || (step.kind === 'sweep' && step.timer === 'acceptance')),
    paid: at((step) => step.kind === 'pay'),
    shipped: at((step) => step.kind === 'ship' || step.kind === 'pickup'),
    pickedUp: b.steps.some((step) => step.kind === 'pickup'),
    arrived: at((step) => ['confirmDelivery', 'carrierDelivery'].includes(step.kind) || (step.kind === 'sweep' && step.timer === 'delivery-fallback')),
    closeAt: at((step) => step.kind === 'sweep' && step.timer === 'close'),
    ended: at((step) => ['refuse', 'cancel', 'payFail'].includes(step.kind) || (step.kind === 'sweep' && ['acceptance', 'payment'].includes(step.timer!))),
    refunds: b.steps.some((step) => step.kind === 'refund'),
  };
}
