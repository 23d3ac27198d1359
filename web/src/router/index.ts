import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import MainLayout from '@/layouts/MainLayout.vue';
import type { Role } from '@/roles';

declare module 'vue-router' {
  interface RouteMeta {
    /** The role whose area this route belongs to; checked once sessions exist. */
    role?: Role;
  }
}

// Every page is its own chunk so the first page stays small.
const roleDashboards: RouteRecordRaw[] = [
  {
    path: 'enterprise',
    name: 'enterprise-dashboard',
    component: () => import('@/views/enterprise/DashboardView.vue'),
    meta: { role: 'enterprise' },
  },
  {
    path: 'county',
    name: 'county-dashboard',
    component: () => import('@/views/county/DashboardView.vue'),
    meta: { role: 'county' },
  },
  {
    path: 'organizer',
    name: 'organizer-dashboard',
    component: () => import('@/views/organizer/DashboardView.vue'),
    meta: { role: 'organizer' },
  },
  {
    path: 'expert',
    name: 'expert-dashboard',
    component: () => import('@/views/expert/DashboardView.vue'),
    meta: { role: 'expert' },
  },
  {
    path: 'bureau',
    name: 'bureau-dashboard',
    component: () => import('@/views/bureau/DashboardView.vue'),
    meta: { role: 'bureau' },
  },
  {
    path: 'admin',
    name: 'admin-dashboard',
    component: () => import('@/views/admin/DashboardView.vue'),
    meta: { role: 'admin' },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/public/HomeView.vue') },
      { path: 'login', name: 'login', component: () => import('@/views/public/LoginView.vue') },
      ...roleDashboards,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/public/NotFoundView.vue'),
      },
    ],
  },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}
