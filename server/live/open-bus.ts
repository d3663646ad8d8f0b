import type { Config } from '../config.js'
import { type Bus, MemoryBus } from './bus.js'
import { PgBus } from './pg-bus.js'
import { RedisBus } from './redis-bus.js'

/**
 * The bus this deployment needs: Redis pub/sub when REDIS_URL is set, else PostgreSQL
 * LISTEN/NOTIFY when DATABASE_URL is set (several instances may share that database), else the
 * in-process bus of the embedded single instance. Resolves once the bus listens.
 */
export async function openBus(config: Config, onError: (err: Error) => void): Promise<Bus> {
  if (config.redisUrl) {
    const bus = new RedisBus({ redisUrl: config.redisUrl, onError })
    // A Redis that is down at start must not keep Tribune down: the hub polls meanwhile.
    await Promise.race([bus.ready, new Promise((resolve) => setTimeout(resolve, 3_000))])
    return bus
  }
  if (config.databaseUrl) {
    const bus = new PgBus({ databaseUrl: config.databaseUrl, onError })
    await Promise.race([bus.ready, new Promise((resolve) => setTimeout(resolve, 3_000))])
    return bus
  }
  return new MemoryBus()
}
