import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../auth/viewer';
import { checkText } from '../common/validation';
import { DecideRatingRemovalInput, ReplyToRatingInput, RequestRatingRemovalInput } from './rating.inputs';
import { RatingRemovalStatus } from './rating-removal';
import { MAX_RATING_TEXT, RatingOutcome, runRatingCommand } from './rating-workflow';

/** The shop's answer and removal requests, the operator's decision: thin wrappers around runRatingCommand. */

/** Creates the shop's one reply, or edits it (createdAt stays, updatedAt moves). */
export function replyToRating(em: EntityManager, viewer: Viewer, input: ReplyToRatingInput): Promise<RatingOutcome> {
  return runRatingCommand(em, {
    step: 'REPLY',
    viewer,
    ratingId: input.ratingId,
    invalid: checkText(['input', 'body'], input.body, MAX_RATING_TEXT),
    apply(rating, tx) {
      const edited = Boolean(rating.reply);
      rating.replyBody = input.body.trim();
      rating.replyCreatedAt ??= tx.now;
      rating.replyUpdatedAt = tx.now;
      return { data: { change: edited ? 'REPLY_EDITED' : 'REPLY_ADDED' } };
    },
  });
}

export function deleteRatingReply(em: EntityManager, viewer: Viewer, ratingId: string): Promise<RatingOutcome> {
  return runRatingCommand(em, {
    step: 'DELETE_REPLY',
    viewer,
    ratingId,
    idPath: ['ratingId'],
    apply(rating) {
      rating.replyBody = null;
      rating.replyCreatedAt = null;
      rating.replyUpdatedAt = null;
      return { data: { change: 'REPLY_DELETED' } };
    },
  });
}

export function requestRatingRemoval(em: EntityManager, viewer: Viewer, input: RequestRatingRemovalInput): Promise<RatingOutcome> {
  return runRatingCommand(em, {
    step: 'REQUEST_REMOVAL',
    viewer,
    ratingId: input.ratingId,
    invalid: checkText(['input', 'explanation'], input.explanation, MAX_RATING_TEXT),
    apply(rating, tx) {
      rating.removal = RatingRemovalStatus.REQUESTED;
      rating.removalGround = input.ground;
      rating.removalExplanation = input.explanation.trim();
      rating.removalRequestedAt = tx.now;
      return { data: { change: 'REMOVAL_REQUESTED', ground: input.ground } };
    },
  });
}

export function decideRatingRemoval(em: EntityManager, viewer: Viewer, input: DecideRatingRemovalInput): Promise<RatingOutcome> {
  return runRatingCommand(em, {
    step: 'DECIDE_REMOVAL',
    viewer,
    ratingId: input.ratingId,
    apply(rating, tx) {
      rating.removal = input.remove ? RatingRemovalStatus.REMOVED : RatingRemovalStatus.KEPT;
      rating.removalDecidedAt = tx.now;
      return { data: { change: 'REMOVAL_DECIDED' } };
    },
  });
}
