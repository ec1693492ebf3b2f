// Guanjia's Tasklist settings (Camunda reads app/tasklist/scripts/config.js).
export default {
  app: {
    name: '管家',
    vendor: 'Guanjia'
  },
  // Simplified Chinese first, English second; the files are in ../locales/ (zh-CN.json is Guanjia's own
  // translation). Tasklist 7.24 compares only the first subtag of the browser's first language ('zh' for
  // zh-CN) with availableLocales, so every Chinese variant and every unknown language gets the fallback.
  locales: {
    availableLocales: ['zh-CN', 'en'],
    fallbackLocale: 'zh-CN'
  },
  // Guanjia's own staff pages, in Tasklist's top bar for those who may open them
  customScripts: ['scripts/guanjia-pages'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
