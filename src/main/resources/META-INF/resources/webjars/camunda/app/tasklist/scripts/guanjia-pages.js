// Links from Tasklist's top bar to Guanjia's own staff pages, one top-bar action each. A link is shown only
// when its page opens for the signed-in user (the pages share Tasklist's session and answer 403 to staff who
// may not use them).
const english = (navigator.language || '').toLowerCase().startsWith('en');

const link = (id, path, chinese, englishLabel, priority) => ({
  id: 'guanjia.' + id,
  pluginPoint: 'tasklist.navbar.action',
  priority: priority,
  render: (node) => {
    fetch(path, {credentials: 'same-origin', redirect: 'manual'}).then((answer) => {
      if (answer.status !== 200) {
        return;
      }
      const a = document.createElement('a');
      a.id = id;
      a.href = path;
      a.target = '_blank';
      a.textContent = english ? englishLabel : chinese;
      node.appendChild(a);
    });
  }
});

export default [
  link('guanjiaDashboard', '/staff/dashboard', '考核看板', 'Dashboard', 25),
  link('guanjiaResidents', '/residents', '住户档案', 'Residents', 20),
  link('guanjiaDirectory', '/staff/directory', '员工与责任区', 'Staff and zones', 15),
  link('guanjiaMessages', '/staff/messages', '我的消息', 'My messages', 10)
];
