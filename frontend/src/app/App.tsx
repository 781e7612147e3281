import { Navigate, Route, Routes } from 'react-router';
import { Layout, PublicLayout } from './Layout.tsx';
import { RequireAdmin, RequireSignedIn, RequireSignedOut } from './guards.tsx';
import { LogInPage } from '../pages/auth/LogInPage.tsx';
import { SignUpPage } from '../pages/auth/SignUpPage.tsx';
import { ForgotPasswordPage } from '../pages/auth/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '../pages/auth/ResetPasswordPage.tsx';
import { ProfilePage } from '../pages/profile/ProfilePage.tsx';
import { ProfileEditPage } from '../pages/profile/ProfileEditPage.tsx';
import { BadgesPage } from '../pages/badges/BadgesPage.tsx';
import { GoalsPage } from '../pages/goals/GoalsPage.tsx';
import { SessionsPage } from '../pages/account/SessionsPage.tsx';
import { ChangePasswordPage } from '../pages/account/ChangePasswordPage.tsx';
import { VerifyEmailPage } from '../pages/account/VerifyEmailPage.tsx';
import { AdminUsersPage } from '../pages/admin/AdminUsersPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route element={<RequireSignedOut />}>
          <Route path="/login" element={<LogInPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        {/* Reachable signed in or out: the links come from an email. */}
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
      </Route>
      <Route element={<RequireSignedIn />}>
        <Route element={<Layout />}>
          <Route path="/" element={<Navigate to="/goals" replace />} />
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/profile/edit" element={<ProfileEditPage />} />
          <Route path="/goals" element={<GoalsPage />} />
          <Route path="/badges" element={<BadgesPage />} />
          <Route path="/sessions" element={<SessionsPage />} />
          <Route path="/password" element={<ChangePasswordPage />} />
          <Route element={<RequireAdmin />}>
            <Route path="/admin/users" element={<AdminUsersPage />} />
          </Route>
        </Route>
      </Route>
      <Route element={<PublicLayout />}>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
