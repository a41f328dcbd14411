import {bulkhead} from 'cockatiel';

// The first playground's queue: 2 calls at a time, 5 waiting, the rest refused at once (BulkheadRejectedError).
export const routerBulkhead = bulkhead(2, 5);
