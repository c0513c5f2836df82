import type { BookService } from '../book';
import type { Logger } from '../core';
import type { VenueAdapter } from '../venues';

/**
 * Routes the book service's snapshot requests to the venue that owns each book, and logs its worker
 * crashes and restarts. The service already spaces and retries requests per book (one outstanding,
 * backoff on no answer), so each request is passed on at once. Returns the function that detaches it.
 */
export function routeBookResyncs(
  books: BookService,
  venues: readonly VenueAdapter[] | ((id: string) => VenueAdapter | undefined),
  logger: Logger,
): () => void {
  // A lookup, so that accounts connected at run time (and gone again) are routed as they are now.
  const find = typeof venues === 'function' ? venues : (id: string) => venues.find((v) => v.id === id);
  const offResync = books.onResyncNeeded((request) => {
    const venue = find(request.venue);
    if (!venue) {
      logger.error(request, 'book needs a snapshot but no running venue has its id; it stays stale');
      return;
    }
    logger.warn(request, 'book is stale: snapshot requested from its venue');
    venue.requestBookSnapshot(request.symbol);
  });
  const offError = books.onError((error) => logger.error(error, 'book service error'));
  return () => {
    offResync();
    offError();
  };
}
