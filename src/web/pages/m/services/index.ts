// The worker-services phone pages of the requests slice: their own chunk, loaded when one opens.
export { AskPage } from './AskPage.js';
export { ServicesHubPage } from './HubPage.js';
export { MyRequestsPage } from './MyRequestsPage.js';
export { WorkerRequestPage } from './RequestPage.js';
