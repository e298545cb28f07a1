import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import type { RequestWithContext } from '../http/request-context';
import { isChatRoute } from '../throttling/rate-limit.guard';
import { TokenBudget } from './token-budget';

const tokensOf = (fields: Record<string, unknown>): number =>
  ['inputTokens', 'outputTokens']
    .map((name) => fields[name])
    .reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);

/**
 * An API key's own daily token budget on the routes that call the model (`@ChatRateLimit()`):
 * refused with the budget's 429 once the key's tokens of the day reach its limit, and the
 * tokens of each answer added to the key's count as the handler notes them for the access log
 * (so a turn that finishes after its client left counts too). The owner's budget
 * (USER_DAILY_TOKEN_LIMIT) applies as well.
 */
@Injectable()
export class ApiKeyBudgetInterceptor implements NestInterceptor {
  constructor(private readonly budget: TokenBudget) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    const key = req.apiKey;
    if (!key?.dailyTokenLimit || !isChatRoute(context)) return next.handle();
    const { id, dailyTokenLimit } = key;
    return from(this.budget.assertKeyWithinBudget(id, 1, dailyTokenLimit)).pipe(
      switchMap(() => {
        req.logFieldsListener = (fields) => {
          const tokens = tokensOf(fields);
          if (tokens > 0) this.budget.recordForKey(id, tokens).catch(() => undefined);
        };
        return next.handle();
      }),
    );
  }
}
