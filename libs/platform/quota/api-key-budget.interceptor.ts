import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import type { RequestWithContext } from '../http/request-context';
import { isChatRoute } from '../throttling/rate-limit.guard';
import { TokenBudget } from './token-budget';

const tokensOf = (fields: Record<string, unknown> | null | undefined): number =>
  ['inputTokens', 'outputTokens']
    .map((name) => fields?.[name])
    .reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);

/**
 * An API key's own daily token budget on the routes that call the model (`@ChatRateLimit()`):
 * refused with the budget's 429 once the key's tokens of the day reach its limit, and the
 * tokens of each answer (as the handler notes them for the access log) added to the key's count
 * when the response is over. The owner's budget (USER_DAILY_TOKEN_LIMIT) applies as well.
 */
@Injectable()
export class ApiKeyBudgetInterceptor implements NestInterceptor {
  constructor(private readonly budget: TokenBudget) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<RequestWithContext>();
    const key = req.apiKey;
    if (!key?.dailyTokenLimit || !isChatRoute(context)) return next.handle();
    const { id, dailyTokenLimit } = key;
    return from(this.budget.assertKeyWithinBudget(id, 1, dailyTokenLimit)).pipe(
      switchMap(() => {
        // One tick after the end, as the access log: a stream notes its usage as it closes.
        http.getResponse<Response>().once('close', () =>
          setImmediate(() => {
            const tokens = tokensOf(req.logFields);
            if (tokens > 0) this.budget.recordForKey(id, tokens).catch(() => undefined);
          }),
        );
        return next.handle();
      }),
    );
  }
}
