export { BookPublisher, type BookPublisherOptions } from './bookPublisher';
export {
  BookReader,
  topAskOffset,
  topBufferLength,
  TOP_ASK_COUNT,
  TOP_ASK_TOTAL,
  TOP_BID_COUNT,
  TOP_BID_TOTAL,
  TOP_LEVELS,
  TOP_SEQ,
  TOP_STATUS,
  TOP_VERSION,
  type TopOfBook,
} from './bookReader';
export { bookKey, BookService, type BookServiceOptions, type ResyncReason, type ResyncRequest } from './bookService';
export { createL2Book, type BookSide, type L2Book, type L2BookOptions } from './l2Book';
export { BookViews, createBookBuffer, DEFAULT_CAPACITY, DEFAULT_DEPTH, I_LOCK, SlotStatus } from './layout';
export type { ResyncPolicy } from './resyncScheduler';
export { resolveBookWorker, tsxWorkerExecArgv, type BookWorkerEntry } from './workerPath';
