import { v7 as uuidv7 } from 'uuid';

export abstract class IdGenerator {
  /** Time-ordered ids keep index inserts local. */
  abstract next(): string;
}

export class UuidV7Generator extends IdGenerator {
  next(): string {
    return uuidv7();
  }
}
