import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to your goals</Link>
      </p>
    </>
  );
}
