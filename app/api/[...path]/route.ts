import { apiRoute } from '@/lib/api/handler';
import { DomainError } from '@/lib/errors';

// Unknown API paths answer in the API's JSON error shape rather than with the HTML 404 page,
// and only to a signed-in caller: anonymous probes (`/api/monitors.rsc`, ...) get 401 like the rest.
const notFound = apiRoute({ auth: true }, async () => {
  throw new DomainError('not_found', 'No such API route');
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
