import '@entitle/react/styles.css'
import './globals.css'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'

export const metadata: Metadata = {
  title: 'LogPilot · Entitle in Next.js',
  description:
    "Entitle's Next.js App Router example: gates right in the server HTML, enforced on the server.",
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
