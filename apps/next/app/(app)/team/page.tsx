import type { Metadata } from 'next'
import { TeamPage } from '../../../components/TeamPage'

export const metadata: Metadata = { title: 'Team · LogPilot' }

export default function Page() {
  return <TeamPage />
}
