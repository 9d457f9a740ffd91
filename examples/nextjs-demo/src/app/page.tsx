import { ChatApp } from "@/components/ChatApp";

export default function Page() {
  return <ChatApp />;
}
