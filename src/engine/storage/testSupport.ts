/** Fault injection for other folders' tests: a failing journal disk, a store on a full disk. */
export { failingDisk, type DiskFault } from './journal/failingDisk.fixture';
export { storeOnFullDisk } from './failingStore.fixture';
