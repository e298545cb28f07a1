import { Injectable } from '@nestjs/common';
import type { HttpProblem } from './error-envelope';

/** Turns a library's own error into its HTTP form, or passes (undefined). */
export type ErrorMapper = (error: unknown) => HttpProblem | undefined;

/**
 * The HTTP forms of the modules' own errors: each module registers the mapper of its layer's
 * typed errors at start-up, and the one exception filter asks them in order.
 */
@Injectable()
export class ErrorMappers {
  private readonly mappers: ErrorMapper[] = [];

  register(...mappers: ErrorMapper[]): void {
    this.mappers.push(...mappers);
  }

  map(error: unknown): HttpProblem | undefined {
    for (const map of this.mappers) {
      const mapped = map(error);
      if (mapped) return mapped;
    }
    return undefined;
  }
}
