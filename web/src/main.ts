import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { configureApi } from './api';
import './styles/main.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(createAppRouter());
configureApi({ locale: () => i18n.global.locale.value });
app.mount('#app');
