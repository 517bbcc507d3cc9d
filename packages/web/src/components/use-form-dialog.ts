import { useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/** Today's calendar date in China (UTC+8), as 'YYYY-MM-DD', for date fields' defaults. */
export const todayCn = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The state of a modal form that posts once: open/close, busy while submitting, the server's Chinese
 * message on failure, the queries to refresh on success. `submit` gets the validated form values.
 */
export function useFormDialog<V = Record<string, unknown>>(o: {
  submit: (values: V) => Promise<unknown>;
  success: string;
  failure?: string;
  invalidate?: readonly (readonly unknown[])[];
  onDone?: (result: unknown) => void;
}): { open: boolean; setOpen: (v: boolean) => void; busy: boolean; form: FormInstance; onOk: () => void } {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  async function run() {
    const v = (await form.validateFields()) as V;
    setBusy(true);
    try {
      const res = await o.submit(v);
      message.success(o.success);
      setOpen(false);
      for (const key of o.invalidate ?? []) await qc.invalidateQueries({ queryKey: [...key] });
      o.onDone?.(res);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : (o.failure ?? '操作失败'));
    } finally { setBusy(false); }
  }
  return { open, setOpen, busy, form, onOk: () => void run() };
}
