package dev.aikagi.core.message;

class InMemoryMessageQueueTest extends MessageQueueContract {

    @Override
    protected MessageQueue createQueue() {
        return new InMemoryMessageQueue();
    }
}
