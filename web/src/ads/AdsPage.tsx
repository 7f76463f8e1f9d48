import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, unwrap } from '../api/problem';
import type { AdOrder } from '../api/types';
import { useApi, useCan } from '../app/context';
import { BotPicker } from '../bots/BotPicker';
import { useBots } from '../bots/queries';
import { Badge, Button, Card, EmptyState, ErrorState, formatNumber, PageHeader, SelectField, Spinner, Table, TextField } from '../ui/kit';
import { Pager, useCursorPager } from '../ui/pager';
import { formatMoney, PRICING_LABEL } from './money';

/** Advertisers and the campaigns they bought: pricing, budget and spend so far. */
export function AdsPage() {
  const can = useCan();
  return (
    <>
      <PageHeader title="Ads" subtitle="Advertisers buy campaigns: per 1,000 delivered (CPM), per unique click (CPC) or flat." />
      <Orders />
      {can('campaigns_send') && <NewOrder />}
      <Advertisers />
    </>
  );
}

function useAdvertisers() {
  const api = useApi();
  return useQuery({ queryKey: ['advertisers'], queryFn: () => unwrap(api.GET('/api/advertisers', { params: { query: { limit: 200 } } })) });
}

function Orders() {
  const api = useApi();
  const pager = useCursorPager();
  const advertisers = useAdvertisers();
  const orders = useQuery({
    queryKey: ['ads', pager.cursor],
    queryFn: () => unwrap(api.GET('/api/ads', { params: { query: { limit: 25, cursor: pager.cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((o) => o.campaignStatus === 'running') ? 3000 : false),
  });
  const names = new Map((advertisers.data?.items ?? []).map((a) => [a.id, a.name]));
  if (orders.isPending) return <Spinner label="Loading ad orders" />;
  if (orders.isError) return <ErrorState error={orders.error} onRetry={() => orders.refetch()} />;
  if (orders.data.items.length === 0 && pager.page === 1) {
    return <EmptyState title="No ad orders yet">Add an advertiser, then place an order on one of your campaigns.</EmptyState>;
  }
  return (
    <Card title="Ad orders">
      <Table head={['Campaign', 'Advertiser', 'Pricing', 'Budget', 'Delivered', 'Clicks', 'Spend so far']} testId="ad-orders">
        {orders.data.items.map((o) => (
          <OrderRow key={o.id} order={o} advertiser={names.get(o.advertiserId) ?? o.advertiserId} />
        ))}
      </Table>
      <Pager pager={pager} nextCursor={orders.data.nextCursor} busy={orders.isFetching} />
    </Card>
  );
}

function OrderRow({ order: o, advertiser }: { order: AdOrder; advertiser: string }) {
  return (
    <tr>
      <td>
        <Link className="row-title" to={`/ads/${o.id}`}>
          {o.campaignName || 'Untitled'}
        </Link>
        <div>
          {o.campaignStatus && <Badge>{o.campaignStatus}</Badge>} {o.statusReason && <span className="muted">{o.statusReason}</span>}
        </div>
      </td>
      <td>{advertiser}</td>
      <td className="nowrap">
        {formatMoney(o.price, o.currency)} <span className="muted">{PRICING_LABEL[o.pricingModel]}</span>
      </td>
      <td className="nowrap">{o.budget === null ? <span className="muted">none</span> : formatMoney(o.budget, o.currency)}</td>
      <td className="num">{formatNumber(o.delivered)}</td>
      <td className="num">
        {formatNumber(o.uniqueClicks)} <span className="muted">/ {formatNumber(o.totalClicks)}</span>
      </td>
      <td className="num nowrap">
        <strong>{formatMoney(o.spend, o.currency)}</strong>
      </td>
    </tr>
  );
}

function NewOrder() {
  const api = useApi();
  const queryClient = useQueryClient();
  const bots = useBots();
  const advertisers = useAdvertisers();
  const [form, setForm] = useState({ botId: '', campaignId: '', advertiserId: '', pricingModel: 'cpm', price: '', currency: 'USD', budget: '' });
  const botId = form.botId || bots.bots[0]?.id || '';
  const campaigns = useQuery({
    queryKey: ['campaigns', botId, 'for-ads'],
    enabled: Boolean(botId),
    queryFn: () => unwrap(api.GET('/api/bots/{botId}/campaigns', { params: { path: { botId }, query: { limit: 100 } } })),
  });
  const open = (campaigns.data?.items ?? []).filter((c) => !['completed', 'cancelled', 'failed'].includes(c.status));
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/ads', {
          body: {
            campaignId: form.campaignId || open[0]?.id || '',
            advertiserId: form.advertiserId || advertisers.data?.items[0]?.id || '',
            pricingModel: form.pricingModel as AdOrder['pricingModel'],
            price: Number(form.price),
            currency: form.currency.trim().toUpperCase(),
            budget: form.budget.trim() === '' ? null : Number(form.budget),
          },
        }),
      ),
    onSuccess: () => {
      setForm({ ...form, campaignId: '', price: '', budget: '' });
      queryClient.invalidateQueries({ queryKey: ['ads'] });
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title="New ad order">
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <BotPicker bots={bots.bots} value={botId} onChange={(id) => setForm({ ...form, botId: id, campaignId: '' })} />
        <SelectField label="Campaign" value={form.campaignId || open[0]?.id || ''} error={errors.campaignId} onChange={(e) => setForm({ ...form, campaignId: e.target.value })}>
          {open.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name || 'Untitled'} ({c.status})
            </option>
          ))}
        </SelectField>
        <SelectField label="Advertiser" value={form.advertiserId || advertisers.data?.items[0]?.id || ''} error={errors.advertiserId} onChange={(e) => setForm({ ...form, advertiserId: e.target.value })}>
          {(advertisers.data?.items ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Pricing" value={form.pricingModel} error={errors.pricingModel} onChange={(e) => setForm({ ...form, pricingModel: e.target.value })}>
          <option value="cpm">CPM (per 1,000 delivered)</option>
          <option value="cpc">CPC (per unique click)</option>
          <option value="flat">Flat</option>
        </SelectField>
        <TextField label="Price (minor units, e.g. cents)" inputMode="numeric" value={form.price} error={errors.price} onChange={(e) => setForm({ ...form, price: e.target.value })} />
        <TextField label="Currency" value={form.currency} error={errors.currency} maxLength={3} onChange={(e) => setForm({ ...form, currency: e.target.value })} />
        <TextField label="Budget (minor units, optional)" inputMode="numeric" value={form.budget} error={errors.budget} disabled={form.pricingModel === 'flat'} onChange={(e) => setForm({ ...form, budget: e.target.value })} />
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!form.price.trim() || open.length === 0 || !advertisers.data?.items.length}>
          Place order
        </Button>
      </form>
      {create.isError && !Object.keys(errors).length && <ErrorState error={create.error} />}
    </Card>
  );
}

function Advertisers() {
  const api = useApi();
  const can = useCan();
  const queryClient = useQueryClient();
  const advertisers = useAdvertisers();
  const [form, setForm] = useState({ name: '', contactEmail: '' });
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/advertisers', { body: { name: form.name.trim(), ...(form.contactEmail.trim() ? { contactEmail: form.contactEmail.trim() } : {}) } })),
    onSuccess: () => {
      setForm({ name: '', contactEmail: '' });
      queryClient.invalidateQueries({ queryKey: ['advertisers'] });
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  return (
    <Card title="Advertisers">
      {can('campaigns_send') && (
        <form
          className="inline-form wrap"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextField label="Name" value={form.name} error={errors.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <TextField label="Contact e-mail (optional)" type="email" value={form.contactEmail} error={errors.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} />
          <Button type="submit" variant="primary" busy={create.isPending} disabled={!form.name.trim()}>
            Add advertiser
          </Button>
        </form>
      )}
      {create.isError && !Object.keys(errors).length && <ErrorState error={create.error} />}
      {advertisers.isPending ? (
        <Spinner />
      ) : advertisers.isError ? (
        <ErrorState error={advertisers.error} onRetry={() => advertisers.refetch()} />
      ) : advertisers.data.items.length === 0 ? (
        <p className="muted">No advertisers yet.</p>
      ) : (
        <Table head={['Name', 'Contact']} testId="advertisers">
          {advertisers.data.items.map((a) => (
            <tr key={a.id}>
              <td className="row-title">{a.name}</td>
              <td>{a.contactEmail ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
