import { ShutdownCoordinator } from './shutdown.coordinator';

describe('ShutdownCoordinator', () => {
  it('runs every hook with the grace, even when one of them fails', async () => {
    const coordinator = new ShutdownCoordinator();
    const seen: string[] = [];
    coordinator.onDrain(async (grace) => {
      seen.push(`a:${grace}`);
    });
    coordinator.onDrain(async () => {
      throw new Error('boom');
    });
    coordinator.onDrain(() => {
      // A hook that throws synchronously must not stop the others either.
      throw new Error('sync boom');
    });
    coordinator.onDrain(async (grace) => {
      seen.push(`b:${grace}`);
    });
    expect(coordinator.draining).toBe(false);
    await coordinator.drain(1234);
    expect(seen.sort()).toEqual(['a:1234', 'b:1234']);
    expect(coordinator.draining).toBe(true);
  });

  it('runs hooks once however often drain is called, and honours unregistering', async () => {
    const coordinator = new ShutdownCoordinator();
    const calls = jest.fn(async () => undefined);
    const removed = jest.fn(async () => undefined);
    coordinator.onDrain(calls);
    const unregister = coordinator.onDrain(removed);
    unregister();
    await Promise.all([coordinator.drain(10), coordinator.drain(10)]);
    await coordinator.drain(10);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('stops waiting for a hook that never settles once grace and settle time have passed', async () => {
    jest.useFakeTimers();
    try {
      const coordinator = new ShutdownCoordinator();
      const finished = jest.fn();
      coordinator.onDrain(() => new Promise<void>(() => undefined));
      coordinator.onDrain(async () => finished());
      const drained = coordinator.drain(1000);
      await jest.advanceTimersByTimeAsync(60_000);
      await drained;
      expect(finished).toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
