import { Injectable } from '@nestjs/common';
import type { HttpProblem } from './error-envelope';
import type { RequestWithContext } from './request-context';

/**
 * An API face whose clients expect another error body (the OpenAI-compatible `/v1` routes):
 * for the requests it claims, the global filter sends `render(problem)` instead of the envelope,
 * with the same status and headers. It also covers requests refused before any route ran.
 */
export interface ErrorRenderer {
  claims(req: RequestWithContext): boolean;
  render(problem: HttpProblem, req: RequestWithContext): object;
}

/** The registered renderers; a module registers its own at start-up. */
@Injectable()
export class ErrorRenderers {
  private readonly renderers: ErrorRenderer[] = [];

  register(renderer: ErrorRenderer): void {
    this.renderers.push(renderer);
  }

  for(req: RequestWithContext): ErrorRenderer | undefined {
    return this.renderers.find((renderer) => renderer.claims(req));
  }
}
