import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Grid, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { useNotificationActions, useNotifications, type NotificationItem } from './reportsApi.js';
import './coop-reports.css';

/** The header's bell: the unread count, and the newest notifications linking to their subject. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const list = useNotifications();
  const { read, readAll } = useNotificationActions();
  const unread = list.data?.unread ?? 0;
  const go = (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) read.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  const content = (
    <div className="coop-bell-panel">
      <div className="coop-bell-head">
        <b>{t('coop.reports.bell.title')}</b>
        <Button type="link" size="small" disabled={!unread} loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('coop.reports.bell.read_all')}</Button>
      </div>
      {list.isError && <div className="coop-bell-empty">{list.error.message}</div>}
      {list.data && list.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coop.reports.bell.empty')} />}
      <ul className="coop-bell-list">
        {list.data?.items.map((n) => (
          <li key={n.id}>
            <button type="button" className={n.readAt ? 'read' : 'unread'} onClick={() => go(n)}>
              <span className="text">{n.text}</span>
              <span className="when">{n.createdAt.slice(0, 16).replace('T', ' ')}{n.forUnion ? ` · ${t('coop.reports.bell.for_union')}` : ''}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
  const bell = (
    <Badge count={unread} size="small" overflowCount={99}>
      <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('coop.reports.bell.label', { count: unread })} onClick={screens.md ? undefined : () => setOpen(true)} />
    </Badge>
  );
  // On phones the list slides in from the right: a popover under the bell would leave the screen.
  if (!screens.md) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} destroyOnHidden placement="right" size={320} title={null} closable={false} styles={{ body: { padding: 12 } }}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      {bell}
    </Popover>
  );
}
