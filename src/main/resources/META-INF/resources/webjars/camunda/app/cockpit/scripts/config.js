// Guanjia's Cockpit settings (Camunda reads app/cockpit/scripts/config.js): our name, Simplified Chinese first
// and English second (zh-CN.json in ../locales/ is Guanjia's own translation; 7.24 compares only the first subtag
// of the browser's first language, so every Chinese variant gets the fallback), and a link to the audit trail.
export default {
  app: {
    name: '管家',
    vendor: 'Guanjia'
  },
  locales: {
    availableLocales: ['zh-CN', 'en'],
    fallbackLocale: 'zh-CN'
  },
  customScripts: ['scripts/guanjia-audit']
};
