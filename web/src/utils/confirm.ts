import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';

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
