// Confirmations before irreversible actions, and what an action started from a table row or a
// dialog shows when it fails. (The composables live here rather than in composables/ so that the
// pages using them share one chunk with confirmAction.)
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { problemText } from '@/utils/problems';

type Translate = (key: string) => string;

/** The confirmation dialog before anything irreversible; resolves false when cancelled. */
export async function confirmAction(message: string, t: Translate): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    });
    return true;
  } catch {
    return false;
  }
}

/** Shows a failed change as a message ("could not save: <the server's problem>"): for actions
 *  started from a table row or a dialog, where there is no page alert to put it in. */
export function useSaveFailedMessage(): (error: unknown) => void {
  const { t } = useI18n();
  return (error) => {
    ElMessage.error(t('common.saveFailed', { message: problemText(error, t) }));
  };
}

/**
 * Something irreversible done from a table row: ask first (nothing happens when cancelled), then
 * run `action`; if it fails, the server's problem is shown as a "could not save" message.
 */
export function useConfirmedAction(): (
  message: string,
  action: () => Promise<void>,
) => Promise<void> {
  const { t } = useI18n();
  const showSaveFailed = useSaveFailedMessage();
  return async (message, action) => {
    if (!(await confirmAction(message, t))) return;
    try {
      await action();
    } catch (error) {
      showSaveFailed(error);
    }
  };
}
