import type { Metadata } from 'next'
import { AssistantPage } from '../../../components/AssistantPage'

export const metadata: Metadata = { title: 'AI assistant · LogPilot' }

export default function Page() {
  return <AssistantPage />
}
