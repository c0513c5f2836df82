import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';

export type DiskFault = 'ENOSPC' | 'EIO';

/**
 * Fault injection at the operating-system boundary: from `fail()` on, every write (ENOSPC: the disk
 * is full) or every fsync (EIO: the disk is broken) of a file under `dir` fails as the kernel would
 * report it, while every other file keeps working. Install it before the files are opened (it learns
 * their descriptors from openSync). The code under test is untouched: it meets a failing disk.
 */
export function failingDisk(dir: string): { fail(fault: DiskFault, on: 'write' | 'fsync'): void; restore(): void } {
  const root = path.resolve(dir) + path.sep;
  const fds = new Set<number>();
  let fault: { code: DiskFault; on: 'write' | 'fsync' } | undefined;
  const error = (code: DiskFault, syscall: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: ${code === 'ENOSPC' ? 'no space left on device' : 'i/o error'}, ${syscall}`), { code, syscall, errno: code === 'ENOSPC' ? -28 : -5 });
  const hit = (fd: number, on: 'write' | 'fsync'): DiskFault | undefined => (fault?.on === on && fds.has(fd) ? fault.code : undefined);

  const openSync = fs.openSync.bind(fs);
  const writeSync = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
  const fdatasync = fs.fdatasync.bind(fs);
  const fdatasyncSync = fs.fdatasyncSync.bind(fs);
  const spies = [
    vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (openSync as (...args: unknown[]) => number)(file, ...rest);
      if (path.resolve(String(file)).startsWith(root)) fds.add(fd);
      return fd;
    }) as typeof fs.openSync),
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
      const code = hit(fd, 'write');
      if (code) throw error(code, 'write');
      return writeSync(fd, ...rest);
    }) as typeof fs.writeSync),
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: fs.NoParamCallback) => {
      const code = hit(fd, 'fsync');
      if (code) return void setImmediate(() => callback(error(code, 'fdatasync')));
      fdatasync(fd, callback);
    }) as typeof fs.fdatasync),
    vi.spyOn(fs, 'fdatasyncSync').mockImplementation((fd: number) => {
      const code = hit(fd, 'fsync');
      if (code) throw error(code, 'fdatasync');
      fdatasyncSync(fd);
    }),
  ];
  return {
    fail: (code, on) => {
      fault = { code, on };
    },
    restore: () => {
      fault = undefined;
      for (const spy of spies) spy.mockRestore();
    },
  };
}
