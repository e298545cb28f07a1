import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

/** Names of the two limits (RATE_LIMIT_CHAT, RATE_LIMIT_READ). */
export const CHAT_LIMIT = 'chat';
export const READ_LIMIT = 'read';

/** Metadata key marking a route that sends to the model. */
export const CHAT_RATE_LIMIT = 'platform:chat-rate-limit';

/**
 * Puts a route (or every route of a controller) under the `chat` limit (RATE_LIMIT_CHAT, per
 * user) instead of the `read` limit. For the routes that call the model.
 */
export function ChatRateLimit(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(CHAT_RATE_LIMIT, true), SkipThrottle({ [READ_LIMIT]: true }));
}

/** Exempts a route or controller from every limit (health, metrics). */
export function NoRateLimit(): MethodDecorator & ClassDecorator {
  return SkipThrottle({ default: true, [CHAT_LIMIT]: true, [READ_LIMIT]: true });
}
