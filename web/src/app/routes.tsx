import { createBrowserRouter, Navigate } from 'react-router';
import { AdsPage } from '../ads/AdsPage';
import { HomePage } from '../analytics/HomePage';
import { AcceptInvitePage } from '../pages/AcceptInvitePage';
import { AuditPage } from '../pages/AuditPage';
import { BotDetailPage } from '../pages/BotDetailPage';
import { BotsPage } from '../pages/BotsPage';
import { CampaignReportPage } from '../pages/CampaignReportPage';
import { CampaignsPage } from '../pages/CampaignsPage';
import { LoginPage } from '../pages/LoginPage';
import { MediaPage } from '../pages/MediaPage';
import { OperationsPage } from '../pages/OperationsPage';
import { RawDataPage } from '../pages/RawDataPage';
import { SettingsPage } from '../pages/SettingsPage';
import { SetupPage } from '../pages/SetupPage';
import { TeamPage } from '../pages/TeamPage';
import { Layout } from '../ui/Layout';
import { RouteError } from '../ui/RouteError';

// the composer carries the rich-text editor, the largest part of the app: it loads when first opened
const composer = () => import('../composer/ComposerPage').then((m) => ({ Component: m.ComposerPage }));
// the ad report carries the charting library: it loads when first opened
const adReport = () => import('../ads/AdReportPage').then((m) => ({ Component: m.AdReportPage }));
const analytics = () => import('../analytics/AnalyticsPage').then((m) => ({ Component: m.AnalyticsPage }));
const analyticsIndex = () => import('../analytics/AnalyticsPage').then((m) => ({ Component: m.AnalyticsIndexPage }));

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/accept-invite', element: <AcceptInvitePage /> },
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'bots', element: <BotsPage /> },
      { path: 'bots/:botId', element: <BotDetailPage /> },
      { path: 'bots/:botId/analytics', lazy: analytics },
      { path: 'analytics', lazy: analyticsIndex },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'bots/:botId/campaigns/new', lazy: composer },
      { path: 'campaigns/:campaignId/edit', lazy: composer },
      { path: 'campaigns/:campaignId', element: <CampaignReportPage /> },
      { path: 'media', element: <MediaPage /> },
      { path: 'ads', element: <AdsPage /> },
      { path: 'ads/:orderId', lazy: adReport },
      { path: 'team', element: <TeamPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'operations', element: <OperationsPage /> },
      { path: 'data', element: <RawDataPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <Navigate to="/bots" replace /> },
    ],
  },
]);
