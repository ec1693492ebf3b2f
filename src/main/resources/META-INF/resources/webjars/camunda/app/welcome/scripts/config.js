// Guanjia's settings for this Camunda webapp (Camunda reads app/<webapp>/scripts/config.js): our name, and
// Simplified Chinese first, English second (zh-CN.json in ../locales/ is Guanjia's own translation; 7.24 compares
// only the first subtag of the browser's first language, so every Chinese variant gets the fallback).
export default {
  app: {
    name: '管家',
    vendor: 'Guanjia'
  },
  locales: {
    availableLocales: ['zh-CN', 'en'],
    fallbackLocale: 'zh-CN'
  }
};
