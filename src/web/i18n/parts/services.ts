import { zh as server } from '../../../shared/i18n/parts/services.js';

/** UI text shared by the worker-services pages (services.*: menu, navigation, categories; zh-CN is the source; en must have every key). */
export const zh = {
  // Category names and consent wordings come from the server's catalogue: the wording a worker
  // agrees to on a page is the one the server records with his consent (consents.text_key).
  ...server,
  'services.menu': '职工服务',
  'services.nav.queue': '咨询维权',
  'services.nav.membership': '入会审核',
  'services.nav.aid': '互助保障',
  'services.nav.desk': '招聘会服务台',
  'services.nav.figures': '服务数据',
  'services.menu_enrol': '互助保障参保',
} as const;
