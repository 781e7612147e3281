import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** For a signed-in person on a page their roles do not open (the admin area). */
export function NotAllowedPage() {
  usePageTitle('Not allowed');
  return (
    <>
      <h1 tabIndex={-1}>Not allowed</h1>
      <p>This page is for administrators only.</p>
      <p>
        <Link to="/">Go to your goals</Link>
      </p>
    </>
  );
}
