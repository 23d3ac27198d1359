import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { installGuards } from './router/guards';
import { configureApi } from './api';
import { useSessionStore } from './stores/session';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const router = createAppRouter();
const session = useSessionStore(pinia);
installGuards(router, session);
configureApi({
  locale: () => i18n.global.locale.value,
  // The session ended under us (idle timeout, ended from another device): back to the login.
  onUnauthorized: () => {
    if (session.user === null) return;
    session.clear();
    const current = router.currentRoute.value;
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
  },
});
app.use(router);
app.mount('#app');
