import type { EntityClass, EntityManager, EntityMetadata } from '@mikro-orm/core';

/** A row as the driver returns it: column names. */
export type RawRow = Record<string, unknown>;

/**
 * Maps raw QueryBuilder rows (`execute(..., false)`: column names, timestamps as the driver's
 * text) to a record's property names, reading the columns and the date properties from the
 * entity's metadata. Reads use it instead of the QueryBuilder's own result mapping, which on
 * 200-message reads was the largest ORM item of the profile; the mapping is built once per entity.
 */
export function rawRowMapper<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
): (row: RawRow) => T {
  const meta = em.getMetadata().get<T>(entity.name);
  const cached = mappers.get(meta) as ((row: RawRow) => T) | undefined;
  if (cached) return cached;
  const platform = em.getPlatform();
  const columns = meta.props
    .filter((prop) => prop.fieldNames?.length === 1)
    .map((prop) => ({
      property: prop.name as string,
      column: prop.fieldNames[0],
      isDate: prop.runtimeType === 'Date',
    }));
  const mapper = (row: RawRow): T => {
    const record: RawRow = {};
    for (const { property, column, isDate } of columns) {
      const value = row[column];
      record[property] =
        isDate && value !== null && value !== undefined && !(value instanceof Date)
          ? platform.parseDate(value as string)
          : value;
    }
    return record as T;
  };
  mappers.set(meta, mapper as (row: RawRow) => unknown);
  return mapper;
}

const mappers = new WeakMap<EntityMetadata, (row: RawRow) => unknown>();
