import { numbered } from './pg-sql';

describe('numbered', () => {
  it("turns knex-style ? placeholders into pg's $1..$n, in order", () => {
    expect(numbered('select * from m where a = ? and b in (?, ?) limit ?')).toBe(
      'select * from m where a = $1 and b in ($2, $3) limit $4',
    );
    expect(numbered('select 1')).toBe('select 1');
  });

  it('gives the same answer from its cache', () => {
    const sql = 'update t set x = ? where id = ?';
    expect(numbered(sql)).toBe(numbered(sql));
    expect(numbered(sql)).toBe('update t set x = $1 where id = $2');
  });
});
