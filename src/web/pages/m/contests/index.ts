// The public contest pages on phones: their own chunk, loaded when one opens.
export { ContestBoardPage, ContestListPage } from './ContestPages.js';
export { CertificateCheckPage } from './CertificateCheckPage.js';
