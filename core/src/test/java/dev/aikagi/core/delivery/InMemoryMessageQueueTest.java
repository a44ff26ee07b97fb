package dev.aikagi.core.delivery;

class InMemoryMessageQueueTest extends MessageQueueContract {

    @Override
    protected MessageQueue createQueue() {
        return new InMemoryMessageQueue();
    }
}
