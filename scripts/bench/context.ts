import { BenchConfig } from './config';
import { BenchDatabase } from './database';
import { Marketplace } from './fill';
import { Report } from './report';
import { ServerUnderTest } from './server';

/** What every section of the benchmark works with. */
export interface BenchContext {
  config: BenchConfig;
  db: BenchDatabase;
  server: ServerUnderTest;
  market: Marketplace;
  /** A seller key of the big shop. */
  sellerSecret: string;
  report: Report;
  log: (line: string) => void;
}
