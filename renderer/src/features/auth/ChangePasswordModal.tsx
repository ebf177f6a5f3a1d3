/** 修改密码 from the operator's menu: the same form as the forced change, in a dialog. */
import { App, Button, Modal } from 'antd';
import { ChangePasswordForm } from './ChangePasswordForm';
import { CHANGE_PASSWORD_TEXT } from './auth.strings';

interface ChangePasswordModalProps {
  open: boolean;
  userName: string;
  onClose: () => void;
}

export function ChangePasswordModal({ open, userName, onClose }: ChangePasswordModalProps) {
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={CHANGE_PASSWORD_TEXT.modalTitle}
      footer={null}
      width={440}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ChangePasswordForm
        userName={userName}
        onDone={() => {
          void message.success(CHANGE_PASSWORD_TEXT.done);
          onClose();
        }}
        actions={<Button onClick={onClose}>{CHANGE_PASSWORD_TEXT.cancel}</Button>}
      />
    </Modal>
  );
}
