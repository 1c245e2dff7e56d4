import { redirect } from 'next/navigation'
import { currentCustomer } from '../lib/server/session'

export default async function Home(): Promise<never> {
  redirect((await currentCustomer()) === null ? '/sign-in' : '/team')
}
