import {
  createRouter,
  createWebHistory,
  type RouteComponent,
  type RouteRecordRaw,
} from 'vue-router';
import MainLayout from '@/layouts/MainLayout.vue';
import { ROLES, type Role } from '@/roles';
import { MENU } from '@/menu';

declare module 'vue-router' {
  interface RouteMeta {
    /** The roles that may open the page (implies a signed-in user). */
    roles?: readonly Role[];
    /** Any signed-in user may open the page. */
    requiresAuth?: boolean;
    /** Only an enterprise administrator may open the page. */
    enterpriseAdmin?: boolean;
    /** Login and registration: a signed-in user is sent to the role's workspace. */
    guestOnly?: boolean;
    /** The page's title, a locale key (menu.<key> for menu pages). */
    titleKey?: string;
  }
}

type Lazy = () => Promise<RouteComponent>;

// Every page is its own chunk so the first page stays small.
const dashboards: Record<Role, Lazy> = {
  enterprise: () => import('@/views/enterprise/DashboardView.vue'),
  county: () => import('@/views/county/DashboardView.vue'),
  organizer: () => import('@/views/organizer/DashboardView.vue'),
  expert: () => import('@/views/expert/DashboardView.vue'),
  bureau: () => import('@/views/bureau/DashboardView.vue'),
  admin: () => import('@/views/admin/DashboardView.vue'),
};

const placeholder: Lazy = () => import('@/views/public/PlaceholderView.vue');

// The pages behind the menu items that exist in this issue; the rest are placeholders.
const menuPages: Record<string, Lazy> = {
  '/enterprise/applications': () => import('@/views/enterprise/ApplicationsView.vue'),
  '/enterprise/profile': () => import('@/views/enterprise/ProfileView.vue'),
  '/enterprise/users': () => import('@/views/enterprise/AccountsView.vue'),
  '/county/enterprises': () => import('@/views/county/VerificationView.vue'),
  '/county/recommendations': () => import('@/views/county/RecommendationsView.vue'),
  '/organizer/formal-check': () => import('@/views/organizer/FormalCheckView.vue'),
  '/organizer/recheck': () => import('@/views/organizer/RecheckView.vue'),
  '/organizer/experts': () => import('@/views/organizer/ExpertsView.vue'),
  '/organizer/assignments': () => import('@/views/organizer/AssignmentsView.vue'),
  '/organizer/reviews': () => import('@/views/organizer/ReviewSheetsView.vue'),
  '/organizer/review-results': () => import('@/views/organizer/ReviewResultsView.vue'),
  '/organizer/library': () => import('@/views/organizer/LibraryView.vue'),
  '/organizer/schedule': () => import('@/views/organizer/ScheduleView.vue'),
  '/expert/reviews': () => import('@/views/expert/ReviewsView.vue'),
  '/bureau/audit': () => import('@/views/bureau/AuditView.vue'),
  '/admin/users': () => import('@/views/admin/UsersView.vue'),
  '/admin/audit': () => import('@/views/admin/AuditView.vue'),
};

const roleDashboards: RouteRecordRaw[] = ROLES.map((role) => ({
  path: role,
  name: `${role}-dashboard`,
  component: dashboards[role],
  meta: { roles: [role], titleKey: `dashboard.${role}` },
}));

const menuRoutes: RouteRecordRaw[] = MENU.map((item) => ({
  path: item.path.slice(1),
  name: `${item.role}-${item.key}`,
  component: menuPages[item.path] ?? placeholder,
  meta: {
    roles: [item.role],
    enterpriseAdmin: item.enterpriseAdmin === true,
    titleKey: `menu.${item.key}`,
  },
}));

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('@/views/public/HomeView.vue') },
      {
        path: 'login',
        name: 'login',
        component: () => import('@/views/public/LoginView.vue'),
        meta: { guestOnly: true },
      },
      {
        path: 'register',
        name: 'register',
        component: () => import('@/views/public/RegisterView.vue'),
        meta: { guestOnly: true },
      },
      {
        path: 'account/password',
        name: 'change-password',
        component: () => import('@/views/account/ChangePasswordView.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: 'account/sessions',
        name: 'sessions',
        component: () => import('@/views/account/SessionsView.vue'),
        meta: { requiresAuth: true },
      },
      ...roleDashboards,
      ...menuRoutes,
      {
        path: 'enterprise/applications/:id(\\d+)/edit',
        name: 'enterprise-application-edit',
        component: () => import('@/views/enterprise/ApplicationEditView.vue'),
        meta: { roles: ['enterprise'], titleKey: 'applications.edit.title' },
      },
      {
        path: 'enterprise/applications/:id(\\d+)',
        name: 'enterprise-application',
        component: () => import('@/views/enterprise/ApplicationDetailView.vue'),
        meta: { roles: ['enterprise'], titleKey: 'applications.detail.title' },
      },
      {
        path: 'county/applications/:id(\\d+)',
        name: 'county-application',
        component: () => import('@/views/county/ApplicationReviewView.vue'),
        meta: { roles: ['county'], titleKey: 'applications.detail.title' },
      },
      {
        path: 'organizer/formal-check/:id(\\d+)',
        name: 'organizer-formal-check-application',
        component: () => import('@/views/organizer/FormalCheckApplicationView.vue'),
        meta: { roles: ['organizer'], titleKey: 'formalCheck.title' },
      },
      {
        path: 'organizer/reviews/:id(\\d+)',
        name: 'organizer-offline-review',
        component: () => import('@/views/organizer/OfflineReviewView.vue'),
        meta: { roles: ['organizer'], titleKey: 'sheets.offlineTitle' },
      },
      {
        path: 'expert/reviews/:id(\\d+)',
        name: 'expert-review',
        component: () => import('@/views/expert/ReviewView.vue'),
        meta: { roles: ['expert'], titleKey: 'sheet.title' },
      },
      {
        path: 'inbox',
        name: 'inbox',
        component: () => import('@/views/account/InboxView.vue'),
        meta: { requiresAuth: true, titleKey: 'notifications.title' },
      },
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
