/**
 * When appended records are forced to the disk (fdatasync), which decides what a commit promises.
 *
 * - 'always' (default): a commit resolves only after the records are on the disk. Appends made while
 *   an fsync is running wait and share the next one (group commit), so one fsync covers many records.
 *   Survives a power cut.
 * - 'interval': a commit resolves once the records are written to the operating system (they survive
 *   the process crashing); an fsync runs at most every `ms` milliseconds of the injected clock, so a
 *   power cut can lose up to about `ms` of acknowledged records.
 * - 'none': never fsyncs on its own (a snapshot or an explicit sync() still does). Tests and
 *   benchmarks only: a power cut can lose anything not yet flushed by the OS.
 */
export type FsyncPolicy = { mode: 'always' } | { mode: 'interval'; ms: number } | { mode: 'none' };

export const DEFAULT_FSYNC_POLICY: FsyncPolicy = { mode: 'always' };
