// The fair-day pages, loaded as one chunk (MobileApp.tsx).
export { EventPage, FairListPage, TicketPage, VisitorRegisterPage } from './FairPages.js';
export { StaffCheckinPage } from './StaffCheckinPage.js';
export { BoothScanPage } from './BoothScanPage.js';
