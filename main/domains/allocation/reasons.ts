/** The reasons' words live in shared/ (the screens tell them too); the core's code imports them from here. */
export { describeReason, type ReasonContext, type ReasonLine } from '../../../shared/allocation-reasons.ts';
