import { Controller, Get, Module, Post, Query, Req, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ChatRateLimit,
  CurrentUser,
  addLogFields,
  Metrics,
  ShutdownCoordinator,
  TokenBudget,
  type AuthenticatedUser,
  type HttpReply,
  type RequestWithContext,
} from '@app/platform';

/**
 * Test-only routes for platform behaviour that needs a route shape the product does not have
 * (or not yet): a `chat`-limited send, NDJSON streams, the token budget over HTTP.
 */
// Test-only routes: not part of the API's document (so the response check leaves them alone).
@ApiExcludeController()
@Controller('test-platform')
export class PlatformTestController {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly metrics: Metrics,
    private readonly budget: TokenBudget,
    shutdown: ShutdownCoordinator,
  ) {
    // What the chat turn runner does on SIGTERM: let streams run for the grace, then end them.
    shutdown.onDrain(async (graceMs) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(graceMs, 50)));
      for (const res of this.open) res.end(`${JSON.stringify({ error: 'shutting_down' })}\n`);
    });
  }

  @Post('send')
  @ChatRateLimit()
  send(@CurrentUser() user: AuthenticatedUser): { user: string } {
    return { user: user.id };
  }

  /** `chunks` NDJSON lines, then a final one; `endless=true` streams until drained. */
  @Get('stream')
  stream(
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
    @Query('chunks') chunks = '3',
    @Query('endless') endless?: string,
  ): void {
    const res = reply;
    const total = Number(chunks);
    this.metrics.streamOpened();
    this.open.add(res);
    res.setHeader('Content-Type', 'application/x-ndjson');
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      res.write(`${JSON.stringify({ text: `w${sent}`, is_final: false })}\n`);
      sent++;
      if (endless !== 'true' && sent >= total) {
        addLogFields(req, {
          model: 'test-model',
          inputTokens: 7,
          outputTokens: sent,
          stopReason: 'end',
        });
        res.end(`${JSON.stringify({ is_final: true })}\n`);
      }
    }, 5);
    res.once('close', () => {
      clearInterval(timer);
      this.open.delete(res);
      this.metrics.streamClosed();
    });
  }

  @Post('budget')
  async spend(
    @CurrentUser() user: AuthenticatedUser,
    @Query('estimate') estimate: string,
    @Query('used') used?: string,
  ): Promise<{ ok: true }> {
    await this.budget.assertWithinBudget(user.id, Number(estimate));
    if (used) await this.budget.record(user.id, Number(used));
    return { ok: true };
  }
}

@Module({ controllers: [PlatformTestController] })
export class PlatformTestModule {}
